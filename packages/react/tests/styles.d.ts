// Apps get this from their bundler's client types (e.g. vite/client); the tests declare it.
declare module '@trickle/react/styles.css'
