import { parseArgs, type ParseArgsConfig } from 'node:util'
import { openAdminClient, type AdminClient } from './adminClient'
import { deliveriesCommand } from './deliveriesCommand'
import {
  deliveriesHelp,
  mainHelp,
  privacyHelp,
  retentionHelp,
  schemaHelp,
  serveHelp,
  simulateHelp,
  studioHelp,
  validateHelp,
} from './help'
import { CliError, type CliIo, processIo } from './io'
import { privacyActions, privacyCommand, type PrivacyRequest } from './privacyCommand'
import { retentionCommand } from './retentionCommand'
import { messageLanguage } from './cliLocale'
import { schemaCommand } from './schemaCommand'
import { serveCommand } from './serveCommand'
import { simulateCommand } from './simulateCommand'
import { studioCommand } from './studioCommand'
import { validateCommand } from './validateCommand'
import { version } from './version'

type Options = NonNullable<ParseArgsConfig['options']>

const help = { help: { type: 'boolean', short: 'h' } } satisfies Options
/** Where the admin commands find the data (see adminClient.ts). */
const adminTarget = {
  server: { type: 'string' },
  data: { type: 'string' },
  config: { type: 'string' },
} satisfies Options

const commands = {
  validate: {
    help: validateHelp,
    options: {
      ...help,
      json: { type: 'boolean' },
      against: { type: 'string' },
      locale: { type: 'string' },
    },
  },
  simulate: {
    help: simulateHelp,
    options: {
      ...help,
      form: { type: 'string', multiple: true },
      journey: { type: 'string' },
      visits: { type: 'string' },
      'days-between': { type: 'string' },
      answers: { type: 'string' },
      consent: { type: 'string', multiple: true },
      locale: { type: 'string' },
      json: { type: 'boolean' },
      start: { type: 'string' },
    },
  },
  schema: { help: schemaHelp, options: { ...help, locale: { type: 'string' } } },
  studio: {
    help: studioHelp,
    options: {
      ...help,
      config: { type: 'string' },
      port: { type: 'string' },
      locale: { type: 'string' },
      server: { type: 'string' },
      open: { type: 'boolean', default: true },
    },
  },
  serve: {
    help: serveHelp,
    options: {
      ...help,
      config: { type: 'string' },
      port: { type: 'string' },
      data: { type: 'string' },
    },
  },
  deliveries: {
    help: deliveriesHelp,
    options: {
      ...help,
      url: { type: 'string' },
      token: { type: 'string' },
      status: { type: 'string' },
      destination: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    },
  },
  privacy: {
    help: privacyHelp,
    options: {
      ...help,
      ...adminTarget,
      email: { type: 'string' },
      purpose: { type: 'string' },
      reason: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      locale: { type: 'string' },
      limit: { type: 'string' },
      yes: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  },
  retention: {
    help: retentionHelp,
    options: {
      ...help,
      ...adminTarget,
      'dry-run': { type: 'boolean' },
      apply: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  },
} satisfies Record<string, { help: string; options: Options }>

type Command = keyof typeof commands

function isCommand(name: string): name is Command {
  return Object.hasOwn(commands, name)
}

function integer(
  flag: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new CliError(`--${flag} takes a whole number from ${min} to ${max}, not "${value}".`)
  }
  return n
}

function consentFlags(values: string[] | undefined): Record<string, boolean> {
  const consents: Record<string, boolean> = Object.create(null)
  for (const value of values ?? []) {
    const match = /^([^=]+)=(yes|no)$/.exec(value)
    if (!match?.[1])
      throw new CliError(`--consent takes purpose=yes or purpose=no, not "${value}".`)
    consents[match[1]] = match[2] === 'yes'
  }
  return consents
}

function onePath(command: Command, positionals: string[]): string {
  const [path, ...extra] = positionals
  if (path === undefined) {
    throw new CliError(
      `trickle ${command} needs the path of a config file: trickle ${command} trickle.config.json`,
    )
  }
  if (extra.length > 0)
    throw new CliError(`trickle ${command} takes one config file, got: ${positionals.join(' ')}`)
  return path
}

async function run(io: CliIo, argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    io.stdout(mainHelp)
    return name === undefined ? 2 : 0
  }
  if (name === '-v' || name === '--version') {
    io.stdout(`${version}\n`)
    return 0
  }
  if (!isCommand(name)) {
    throw new CliError(
      `Unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}. See trickle --help.`,
    )
  }
  const command = commands[name]
  let parsed: { values: Record<string, unknown>; positionals: string[] }
  try {
    parsed = parseArgs({
      args: rest,
      options: command.options,
      allowPositionals: true,
      allowNegative: true,
      strict: true,
    })
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]?.replace(/\. To specify.*$/, '.')
    throw new CliError(`trickle ${name}: ${message} See trickle ${name} --help.`)
  }
  const { values, positionals } = parsed
  if (values.help) {
    io.stdout(command.help)
    return 0
  }
  const flag = (key: string) => values[key] as string | undefined

  switch (name) {
    case 'validate':
      return validateCommand(io, onePath(name, positionals), {
        json: values.json === true,
        against: flag('against'),
        locale: messageLanguage(flag('locale')),
      })
    case 'simulate': {
      const start = flag('start') ? new Date(`${flag('start')}T00:00:00Z`) : new Date()
      if (Number.isNaN(start.getTime())) throw new CliError('--start takes a date like 2026-01-31.')
      return simulateCommand(io, onePath(name, positionals), {
        // `--form a,b` and `--form a --form b` both walk a, then b, in turn.
        forms: ((values.form as string[] | undefined) ?? []).flatMap((f) =>
          f
            .split(',')
            .map((id) => id.trim())
            .filter(Boolean),
        ),
        journey: flag('journey'),
        visits:
          flag('visits') === undefined ? undefined : integer('visits', flag('visits'), 3, 1, 100),
        daysBetween: integer('days-between', flag('days-between'), 0, 0, 3650),
        answers: flag('answers'),
        consents: consentFlags(values.consent as string[] | undefined),
        locale: flag('locale'),
        json: values.json === true,
        start,
      })
    }
    case 'schema':
      if (positionals.length > 0) throw new CliError('trickle schema takes no arguments.')
      return schemaCommand(io, messageLanguage(flag('locale')))
    case 'studio': {
      if (positionals.length > 0)
        throw new CliError('trickle studio takes no positional arguments; use --config.')
      const config = flag('config')
      if (config === undefined) {
        throw new CliError('trickle studio needs the config file: --config trickle.config.json')
      }
      const locale = flag('locale')
      if (locale !== undefined && locale !== 'en' && locale !== 'de') {
        throw new CliError(`--locale is en or de, not "${locale}".`)
      }
      return studioCommand(io, {
        config,
        port: integer('port', flag('port'), 0, 0, 65535),
        locale,
        server: flag('server'),
        open: values.open !== false,
      })
    }
    case 'serve':
      if (positionals.length > 0)
        throw new CliError('trickle serve takes no positional arguments; use --config.')
      return serveCommand(io, {
        config: flag('config'),
        port:
          flag('port') === undefined ? undefined : integer('port', flag('port'), 8787, 0, 65535),
        dataDir: flag('data'),
      })
    case 'deliveries': {
      const command = deliveriesArgs(positionals, flag)
      return deliveriesCommand(io, command, {
        url: serverUrl(flag('url')),
        token: adminToken(flag('token')),
        json: values.json === true,
      })
    }
    case 'privacy': {
      const request = privacyArgs(positionals, flag, values)
      return withAdmin(io, flag, (client) => privacyCommand(io, client, request))
    }
    case 'retention': {
      if (positionals.length > 0) throw new CliError('trickle retention takes no arguments.')
      if (values['dry-run'] === values.apply) {
        throw new CliError(
          'trickle retention needs one of --dry-run (show what is past retention) or --apply (erase it).',
        )
      }
      return withAdmin(io, flag, (client) =>
        retentionCommand(io, client, { apply: values.apply === true, json: values.json === true }),
      )
    }
  }
}

/** Runs an admin command against the server or database the flags name, then closes it. */
async function withAdmin(
  io: CliIo,
  flag: (key: string) => string | undefined,
  command: (client: AdminClient) => Promise<number>,
): Promise<number> {
  const client = await openAdminClient(io, {
    server: flag('server'),
    dataDir: flag('data'),
    config: flag('config'),
  })
  try {
    return await command(client)
  } finally {
    await client.close()
  }
}

/** `trickle privacy <action>`: the action and the flags that fit it. */
function privacyArgs(
  positionals: string[],
  flag: (key: string) => string | undefined,
  values: Record<string, unknown>,
): PrivacyRequest {
  const [action, ...extra] = positionals
  const usage = `trickle privacy takes an action: ${privacyActions.join(', ')} (see trickle privacy --help).`
  if (action === undefined) throw new CliError(`Say what to do: ${usage}`)
  if (!(privacyActions as readonly string[]).includes(action)) {
    throw new CliError(`Unknown action "${action}". ${usage}`)
  }
  const name = action as PrivacyRequest['action']
  if (extra.length > 0) {
    throw new CliError(`trickle privacy ${name} takes no more arguments, got: ${extra.join(' ')}`)
  }
  const fits: Record<PrivacyRequest['action'], string[]> = {
    find: ['email'],
    export: ['email', 'format', 'out', 'locale'],
    proof: ['email', 'purpose', 'format', 'out', 'locale'],
    erase: ['email', 'reason', 'yes'],
    withdraw: ['email', 'purpose', 'reason'],
    audit: ['limit'],
  }
  for (const key of ['email', 'purpose', 'reason', 'format', 'out', 'locale', 'limit', 'yes']) {
    if (values[key] !== undefined && !fits[name].includes(key)) {
      throw new CliError(`--${key} does not go with trickle privacy ${name}.`)
    }
  }
  const email = flag('email')
  if (name !== 'audit' && !email?.trim()) {
    throw new CliError(`trickle privacy ${name} needs the person's address: --email <address>.`)
  }
  if ((name === 'proof' || name === 'withdraw') && !flag('purpose')) {
    throw new CliError(`trickle privacy ${name} needs the purpose: --purpose <purpose id>.`)
  }
  const format = flag('format')
  if (format !== undefined && format !== 'json' && format !== 'html') {
    throw new CliError(`--format is json or html, not "${format}".`)
  }
  if (flag('locale') !== undefined && format !== 'html') {
    throw new CliError(
      '--locale chooses the language of an HTML document: use it with --format html.',
    )
  }
  return {
    action: name,
    email,
    purpose: flag('purpose'),
    reason: flag('reason'),
    format,
    out: flag('out'),
    locale: flag('locale'),
    limit: flag('limit') === undefined ? undefined : integer('limit', flag('limit'), 50, 1, 1000),
    json: values.json === true,
    yes: values.yes === true,
  }
}

const deliveryStatuses = ['pending', 'delivered', 'dead', 'skipped']

/** `trickle deliveries list|retry|enable`: the action, its id, and the flags that fit it. */
function deliveriesArgs(
  positionals: string[],
  flag: (key: string) => string | undefined,
): Parameters<typeof deliveriesCommand>[1] {
  const [action, id, ...extra] = positionals
  const usage =
    'trickle deliveries takes an action: list, retry or enable (see trickle deliveries --help).'
  if (action === 'list') {
    if (id !== undefined) throw new CliError(`trickle deliveries list takes no id. ${usage}`)
    const status = flag('status')
    if (status !== undefined && !deliveryStatuses.includes(status)) {
      throw new CliError(`--status is one of ${deliveryStatuses.join(', ')}, not "${status}".`)
    }
    return {
      action,
      status,
      destination: flag('destination'),
      limit: flag('limit') === undefined ? undefined : integer('limit', flag('limit'), 50, 1, 1000),
    }
  }
  if (action !== 'retry' && action !== 'enable') {
    throw new CliError(
      action === undefined ? `Say what to do: ${usage}` : `Unknown action "${action}". ${usage}`,
    )
  }
  const what = action === 'retry' ? 'delivery id' : 'destination id'
  if (id === undefined || extra.length > 0) {
    throw new CliError(
      `trickle deliveries ${action} takes one ${what} (see trickle deliveries list).`,
    )
  }
  for (const name of ['status', 'destination', 'limit']) {
    if (flag(name) !== undefined) throw new CliError(`--${name} goes with trickle deliveries list.`)
  }
  return action === 'retry' ? { action, deliveryId: id } : { action, destinationId: id }
}

/** The server's address: --url, else where `trickle serve` listens by default ($PORT or 8787). */
function serverUrl(url: string | undefined): string {
  if (url === undefined) return `http://127.0.0.1:${process.env.PORT?.trim() || '8787'}`
  if (!/^https?:\/\//.test(url) || !URL.canParse(url)) {
    throw new CliError(
      `--url takes the server's address, e.g. http://127.0.0.1:8787, not "${url}".`,
    )
  }
  return url.replace(/\/+$/, '')
}

function adminToken(token: string | undefined): string {
  const value = token ?? process.env.TRICKLE_ADMIN_TOKEN?.trim()
  if (!value) {
    throw new CliError(
      "The admin API needs the server's admin token: set TRICKLE_ADMIN_TOKEN (or pass --token).",
    )
  }
  return value
}

/** Runs the CLI; returns the exit code. Errors a user can fix print as one line. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await run(io, argv)
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`${io.colors.red('error')} ${error.message}\n`)
      return error.exitCode
    }
    const message = error instanceof Error ? error.message : String(error)
    io.stderr(`${io.colors.red('error')} ${message}\n`)
    return 1
  }
}
