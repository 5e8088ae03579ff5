// Ships the declaration files of a package: `tsc -b` (project references, so workspace
// dependencies resolve to their own declarations) emits them to .tsbuild/src; this copies them
// to dist/, adds the `.js` extensions that node16/nodenext consumers need to relative imports,
// and repoints the declaration maps at the shipped sources.
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

const packageDir = resolve(process.argv[2] ?? '.')
const from = join(packageDir, '.tsbuild', 'src')
const to = join(packageDir, 'dist')
if (!existsSync(from)) {
  console.error(`No declarations in ${relative(process.cwd(), from)}: run \`tsc -b\` first.`)
  process.exit(1)
}

const specifier = /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*)\2/g

function withExtension(file, spec) {
  if (/\.(js|mjs|cjs|json)$/.test(spec)) return spec
  const target = resolve(dirname(file), spec)
  if (existsSync(`${target}.d.ts`)) return `${spec}.js`
  if (existsSync(join(target, 'index.d.ts'))) return `${spec}/index.js`
  return spec
}

function walk(dir, visit) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) walk(path, visit)
    else visit(path)
  }
}

walk(from, (file) => {
  if (!file.endsWith('.d.ts') && !file.endsWith('.d.ts.map')) return
  const target = join(to, relative(from, file))
  cpSync(file, target)
  if (target.endsWith('.d.ts')) {
    const text = readFileSync(target, 'utf8')
    writeFileSync(
      target,
      text.replace(specifier, (_, lead, q, spec) => `${lead}${q}${withExtension(file, spec)}${q}`),
    )
  } else {
    const map = JSON.parse(readFileSync(target, 'utf8'))
    map.sources = map.sources.map((source) =>
      relative(dirname(target), resolve(dirname(file), source))
        .split('\\')
        .join('/'),
    )
    writeFileSync(target, JSON.stringify(map))
  }
})
rmSync(join(to, 'tsconfig.tsbuildinfo'), { force: true })
