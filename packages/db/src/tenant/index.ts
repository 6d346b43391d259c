export {
  DEFAULT_TENANT_ID_TYPE,
  isTenantIdType,
  normalizeTenantId,
  type TenantIdFormat,
  type TenantIdType,
} from './tenant-id'
export {
  assertTenantSettingName,
  DEFAULT_TENANT_SETTING,
  isTenantSettingName,
} from './tenant-setting'
