/** The home page (app/page.js). Rendered to HTML by Next, or by lib/serve.js without it. */
export const metadata = { title: 'Acme Shop', description: 'The example app deploy-kit deploys in its demo.' };

export default function Home() {
  return `<main>
  <h1>Acme Shop</h1>
  <p>Deployed by deploy-kit: preflight, env-check, migrate, deploy, smoke-test, sentry-release, slack-notify.</p>
  <p><a href="/api/health">Health</a></p>
</main>`;
}
