export { chromiumPath, requireProgram, which } from './system.ts'

// Store contract
export { describeStoreContract } from './store-contract.ts'
export type { StoreContractClock, StoreContractOptions } from './store-contract.ts'
