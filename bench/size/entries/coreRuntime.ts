// What a browser app imports from the core at run time (the .size-limit.js runtime entry).
export { browserStorage, createTrickle, localize, planVisit, submissionSchema } from '@trickle/core'
