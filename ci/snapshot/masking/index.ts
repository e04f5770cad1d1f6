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
export { planMasking, type MaskingPlan, type SnapshotMasking, type TextMask } from './snapshot-masking.js';
export {
  MASKING_KEY_VARIABLE,
  MaskingChoiceError,
  maskingFromFlags,
  missingKeyMessage,
  type MaskingFlags,
} from './masking-choice.js';
