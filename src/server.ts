// `npm start`: the server on the settings of the environment (src/config.ts), real time.
import { systemClock } from "./clock.ts";
import { loadConfig } from "./config.ts";
import { exitOnStartError, serve } from "./serve.ts";

Promise.resolve()
  .then(() => serve({ config: loadConfig(), clock: systemClock }))
  .catch(exitOnStartError("mobilitas"));
