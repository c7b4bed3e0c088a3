export { chromiumPath, requireProgram, which } from './system.ts'
