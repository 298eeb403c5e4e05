/**
 * The smoke suite, shared by smoke-test and rollback: inputs that configure it, the `smoke:`
 * config section, settings resolution, and runSmokeSuite.
 */
export { smokeCheckInputs } from './inputs.js';
export { SMOKE_SECTION, smokeSectionSchema, type SmokeSection, type EndpointConfig } from './config-schema.js';
export { resolveSmokeSettings, type SmokeSettings, type SmokeEnvironment, type SmokeCheckInputs, type EndpointSpec, type RateLimitSpec, type LighthouseSpec } from './settings.js';
export { runSmokeSuite, type SmokeOutcome, type SuiteContext } from './suite.js';
export { parseAssertion, evaluate, ASSERTION_FORM, type Assertion } from './assertions.js';
export { GRADES, gradeOf, scoreOf, meetsGrade, type Grade } from './observatory/grade.js';
export { BYPASS_HEADER } from './probe.js';
export { DEFAULT_CONCURRENCY } from './inputs.js';
export { HEALTH_POLICIES, judgeHealth, type HealthPolicy, type HealthVerdict } from './health.js';
export { DEFAULT_THRESHOLDS, LIGHTHOUSE_CATEGORIES, type Thresholds } from './lighthouse/thresholds.js';
