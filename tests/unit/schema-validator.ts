import Ajv2020 from 'ajv/dist/2020';
import schema from '../../src/schema.json';

/** An ISO instant with a time zone, as the runtime accepts it (seconds optional). */
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i;

/** The JSON Schema compiled by Ajv (strict), with the formats as the runtime reads them. */
export function createSchemaValidator({ allErrors = true } = {}) {
  const ajv = new Ajv2020({ strict: true, allErrors });
  ajv.addFormat('date-time', (text: string) => DATE_TIME.test(text) && !Number.isNaN(Date.parse(text)));
  ajv.addFormat('uri-reference', (text: string) => !/[\s\u0000-\u001f]/.test(text));
  return ajv.compile(schema);
}
