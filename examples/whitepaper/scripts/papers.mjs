// The text of the example's gated PDFs (English). Each `id` is the Trickle form that gates the
// file: the server serves assets/<form id>.pdf. Fernhollow Systems is a fictional
// company; every figure below is illustrative and marked as such in the papers.
const company = 'Fernhollow Systems GmbH'
const edition = 'Edition 2025 · fernhollow.example'

export const papers = [
  {
    id: 'whitepaper',
    color: [0.05, 0.33, 0.31],
    company,
    edition,
    kicker: 'Playbook',
    title: 'The Predictive Maintenance Playbook',
    subtitle: 'From the first sensor to fewer unplanned stops in twelve weeks.',
    summary:
      'Unplanned downtime costs mid-sized manufacturers more than any other avoidable loss. ' +
      'This playbook shows how a plant team can start small, prove value on one line and grow ' +
      'a maintenance practice that acts before machines fail.',
    pages: [
      [
        { h: '1. Start with one line, not with a platform' },
        {
          p:
            'Most predictive maintenance projects stall because they begin with a data lake. ' +
            'Pick one production line whose stops hurt the most, list its ten most frequent ' +
            'failure modes and ask which of them announce themselves: vibration, temperature, ' +
            'current draw, pressure or cycle time.',
        },
        { h: '2. Instrument what announces a failure' },
        {
          list: [
            'Retrofit vibration sensors on rotating equipment such as spindles, pumps and fans.',
            'Read currents and temperatures from the PLC before buying any new hardware.',
            'Log every stop with a reason code; a failure nobody writes down cannot be predicted.',
            'Keep raw data for at least one full maintenance cycle.',
          ],
        },
        { h: '3. Baselines beat black boxes' },
        {
          p:
            'A rolling baseline per machine and product catches most degradations. Alert when a ' +
            'signal leaves its usual band for longer than a shift, and let a technician confirm ' +
            'or dismiss every alert: those answers are the training data for anything smarter.',
        },
      ],
      [
        { h: '4. Measure what the plant manager cares about' },
        {
          bars: {
            title: 'Typical results after twelve weeks on one line (illustrative)',
            rows: [
              ['Unplanned stops avoided', 31],
              ['Alerts confirmed by technicians', 64],
              ['Spare parts ordered ahead of time', 42],
              ['Overtime hours saved', 18],
            ],
          },
        },
        { h: '5. Scale with a maintenance routine' },
        {
          p:
            'Once the first line runs, turn the alerts into work orders, review them in the ' +
            'weekly maintenance meeting and add one line per month. The routine, not the ' +
            'algorithm, is what makes the savings last.',
        },
        {
          p:
            'Fernhollow Flow connects to the PLCs you already have, learns baselines per machine ' +
            'and writes alerts straight into your maintenance system.',
        },
      ],
    ],
  },
  {
    id: 'checklist',
    color: [0.11, 0.25, 0.45],
    company,
    edition,
    kicker: 'Checklist',
    title: 'Cloud ERP Migration: a 90-Day Checklist',
    subtitle: 'What to decide, clean and test before the cut-over weekend.',
    summary:
      'Moving an on-premises ERP to the cloud is less about servers than about data, ' +
      'interfaces and people. This checklist walks through the 90 days before go-live, week by ' +
      'week, with the questions that projects most often answer too late.',
    pages: [
      [
        { h: 'Days 1-30: decide and clean' },
        {
          list: [
            'Name one owner per master data object: customers, suppliers, materials, prices.',
            'Archive closed orders older than the legal retention period instead of migrating them.',
            'List every interface (EDI, shop floor, banking, tax) and who maintains it.',
            'Freeze customisations: every new one now adds a test case later.',
          ],
        },
        { h: 'Days 31-60: build and rehearse' },
        {
          list: [
            'Run a full trial migration with production data in a sandbox.',
            'Reconcile stock values, open items and balances to the cent.',
            'Train key users on their real processes, not on demo data.',
            'Agree on the cut-over plan hour by hour, including the rollback decision point.',
          ],
        },
      ],
      [
        { h: 'Days 61-90: test and go live' },
        {
          list: [
            'Repeat the trial migration until it runs without manual fixes.',
            'Test month-end closing once before go-live, not after.',
            'Plan hypercare: who answers the phone in the first two weeks?',
            'Switch off the old system read-only, never delete it on day one.',
          ],
        },
        {
          bars: {
            title: 'Where migration projects lose time (illustrative survey)',
            rows: [
              ['Master data cleansing', 38],
              ['Interfaces', 27],
              ['User training', 17],
              ['Infrastructure', 9],
            ],
          },
        },
        {
          p:
            'Fernhollow Flow keeps shop-floor data flowing during the migration: its connectors ' +
            'buffer events while the ERP is down and replay them after the cut-over.',
        },
      ],
    ],
  },
  {
    id: 'benchmark',
    color: [0.35, 0.19, 0.36],
    company,
    edition,
    kicker: 'Benchmark study',
    title: 'Supply Chain Resilience Benchmark',
    subtitle: 'How 240 mid-sized manufacturers prepare for the next disruption.',
    summary:
      'We asked operations and purchasing leaders how they detect, absorb and recover from ' +
      'supply disruptions. The answers show a clear gap between companies that measure ' +
      'resilience and those that only talk about it. All figures are illustrative.',
    pages: [
      [
        { h: 'Key findings' },
        {
          list: [
            'Companies that map their tier-2 suppliers recover from a disruption about twice as fast.',
            'Only one in four keeps a documented alternative source for its critical parts.',
            'Safety stock is still the most common answer, and the most expensive one.',
          ],
        },
        {
          bars: {
            title: 'Share of companies with each practice in place',
            rows: [
              ['Tier-1 supplier risk ratings', 71],
              ['Tier-2 supplier map', 29],
              ['Alternative source for critical parts', 24],
              ['Weekly demand and supply review', 56],
            ],
          },
        },
      ],
      [
        { h: 'Three moves that pay off' },
        {
          p:
            'First, map the suppliers of your suppliers for the twenty parts that stop your ' +
            'lines. Second, review demand and supply weekly with purchasing, sales and ' +
            'production in one room. Third, qualify a second source before you need it: ' +
            'qualification takes months, a disruption takes days.',
        },
        { h: 'About the study' },
        {
          p:
            'The benchmark combines an online survey with interviews in manufacturing, retail ' +
            'and the public sector. The figures in this example edition are illustrative and ' +
            'must not be quoted as market data.',
        },
      ],
    ],
  },
  {
    id: 'security-guide',
    color: [0.55, 0.22, 0.12],
    company,
    edition,
    kicker: 'Guide',
    title: 'Securing the Shop Floor',
    subtitle: 'A practical OT security primer for plant and IT managers.',
    summary:
      'Connecting machines brings their data to the office, and office threats to the machines. ' +
      'This guide explains where production networks are exposed and which five measures ' +
      'close most of the gaps without stopping a single line.',
    pages: [
      [
        { h: 'Why production networks are different' },
        {
          p:
            'Machines run for decades, cannot be patched every Tuesday and must never stop for ' +
            'an update. Security in operations technology (OT) therefore starts with knowing ' +
            'what is connected and separating it, not with installing the newest agent.',
        },
        { h: 'Five measures that close most gaps' },
        {
          list: [
            'Keep an inventory of every controller, panel and gateway, with its firmware version.',
            'Separate office and production networks; allow only documented connections.',
            'Replace shared passwords on machines with personal accounts where possible.',
            'Give service providers remote access through one monitored gateway only.',
            'Practise the restore of a controller program before you need it.',
          ],
        },
      ],
      [
        {
          bars: {
            title: 'Where incidents in production started (illustrative)',
            rows: [
              ['Infected office computer', 41],
              ['Remote maintenance access', 26],
              ['USB stick at a machine', 19],
              ['Unpatched gateway', 14],
            ],
          },
        },
        { h: 'Start this quarter' },
        {
          p:
            'Walk one hall with a network plan in hand and mark every cable that leaves it. ' +
            'Most plants find at least one connection nobody remembers. Close it, document the ' +
            'rest, and repeat hall by hall.',
        },
        {
          p:
            'Fernhollow Flow reads machine data through a one-way gateway, so analytics never ' +
            'needs a path back into the production network.',
        },
      ],
    ],
  },
]
