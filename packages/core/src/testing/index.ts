/**
 * `@smart-orders/core/testing`: harnesses for a test suite, kept out of the package's main
 * entry so that a backend's production bundle never carries them.
 */
export {
  deciderSpecification,
  jsonDiffAssertEqual,
  type AssertEqual,
  type CodedError,
  type Decided,
  type Outcome,
  type Rejected,
  type Scenario,
  type Specification,
  type SpecificationOptions,
  type World,
} from './deciderSpecification';
export { inWorld } from './inWorld';
export { paperFills } from './paperFills';
