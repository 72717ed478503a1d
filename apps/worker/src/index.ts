export { WorkerModule } from './worker.module';
export { JobRunnerService } from './runtime/job-runner.service';
