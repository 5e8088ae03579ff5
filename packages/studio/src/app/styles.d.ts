// The app's bundler (Vite) turns these imports into the studio's stylesheet.
declare module '@trickle/react/styles.css'
declare module '*.css'
