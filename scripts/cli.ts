// Entry point of the `going-dark` command (bin/going-dark.mjs runs it under tsx).
import { main } from '../src/bots/cli.ts';

main(process.argv.slice(2));
