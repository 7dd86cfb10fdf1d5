// A handler that imports an npm package (zod), for the bundling tests: the bundle must carry zod's code.
import { z } from 'zod';

const Order = z.object({ id: z.string().min(1), quantity: z.number().int().positive() });

export const handler = async (event: unknown): Promise<{ statusCode: number; body: string }> => {
  const parsed = Order.safeParse(event);
  return parsed.success
    ? { statusCode: 200, body: JSON.stringify(parsed.data) }
    : { statusCode: 400, body: parsed.error.message };
};
