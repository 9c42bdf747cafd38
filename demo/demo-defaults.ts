/** The demo portfolio `cse demo` and `cse start` load when told nothing else. */
export const DEFAULT_DEMO_ACCOUNTS = 200;
export const DEFAULT_DEMO_SEED = 42;
