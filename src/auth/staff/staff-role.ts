export enum StaffRole {
  ADMIN = 'admin',
  SERVICE_CENTER = 'service_center',
  SUPPORT = 'support',
}
