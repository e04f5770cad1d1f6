export { ALGORITHM, createMasker, MaskingKeyError, type Masker, type MaskerOptions } from './masker.js';
export {
  DEFAULT_POLICY_FILE,
  loadMaskingPolicy,
  MaskingPolicyError,
  parseMaskingPolicy,
  type ColumnAction,
  type MaskingPolicy,
  type PolicyColumn,
  type PolicyTable,
} from './masking-policy.js';
