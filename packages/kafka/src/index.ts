export const PACKAGE_NAME: string = '@tenantkit/kafka'
