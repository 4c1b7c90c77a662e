/** The auth module's public entry for other modules (accounts and passwords). */
export { hashPassword } from './password';
export type { UserRecord, UsersRepository } from './users.repository';
