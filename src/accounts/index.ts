export { AccountError, AccountStore, PASSWORD_MIN_LENGTH, USERNAME_PATTERN } from './account-store.js';
export type {
  Account,
  AccountErrorCode,
  AccountStoreOptions,
  ActiveSession,
  CreatedAccount,
  NewAccount,
  Session,
} from './account-store.js';
export { DEMO_ACCOUNTS, ensureDemoAccounts } from './demo.js';
export type { DemoAccount, DemoCredentials } from './demo.js';
export { can, isRole, permissions, permissionsOf, roles } from './roles.js';
export type { Permission, Role } from './roles.js';
