import { runCli } from './run';

runCli(process.argv.slice(2), (text) => console.log(text), (text) => console.error(text)).then((code) => {
  process.exitCode = code;
});
