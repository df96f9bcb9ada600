import { runCli } from './run';

process.exitCode = runCli(process.argv.slice(2), (text) => console.log(text), (text) => console.error(text));
