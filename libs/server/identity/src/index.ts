export { IdentityModule } from './identity.module';
export { AuthService } from './auth.service';
export type { AuthedRequest } from './auth.guard';
export { hashPassword, verifyPassword } from './password-hasher';
