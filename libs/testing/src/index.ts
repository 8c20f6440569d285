export * from './infra-env';
export * from './test-database';
export * from './wait-for';
export * from './kafka-probe';
export * from './service-process';
export * from './fixtures/submission.factory';
export * from './fixtures/report-form.factory';
export * from './dedicated-kafka';
