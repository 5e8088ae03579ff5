import { defineConfig } from 'drizzle-kit'

// `npm run db:generate -w @trickle/server` writes a new SQL migration from src/schema.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.ts',
  out: './migrations',
})
