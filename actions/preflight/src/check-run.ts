/** The check run is the shared one every reporting action uses. */
export { publishReportCheckRun, type CheckRunRequest } from '../../../packages/shared/src/github/report-check-run.js';
