export { simulate } from './simulate';
export type { SimulationConfig, SimulationResult } from './simulate';
export { mulberry32, exponential } from './prng';
