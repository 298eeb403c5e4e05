// Preloaded (`node --require`) into every process the startup bench times, the baseline included:
// writes the process's CPU time (user + system, ms) to fd 3 as it exits. CPU time moves much less
// than wall time when other work shares the machine.
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  require('node:fs').writeSync(3, `${(user + system) / 1000}\n`);
});
