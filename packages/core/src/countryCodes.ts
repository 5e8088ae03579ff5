/**
 * Officially assigned ISO 3166-1 alpha-2 codes (249), grouped by their first letter: each group
 * is a first letter followed by every second letter it takes ("OM" is OM, "ZAMW" is ZA ZM ZW).
 */
const countryGroups =
  'ADEFGILMOQRSTUWXZ BABDEFGHIJLMNOQRSTVWYZ CACDFGHIKLMNORUVWXYZ DEJKMOZ ECEGHRST FIJKMOR ' +
  'GABDEFGHILMNPQRSTUWY HKMNRTU IDELMNOQRST JEMOP KEGHIMNPRWYZ LABCIKRSTUVY ' +
  'MACDEFGHKLMNOPQRSTUVWXYZ NACEFGILOPRUZ OM PAEFGHKLMNRSTWY QA REOSUW ' +
  'SABCDEGHIJKLMNORSTVXYZ TCDFGHJKLMNORTVWZ UAGMSYZ VACEGINU WFS YET ZAMW'

/**
 * The country codes a `country` field accepts, in alphabetical order. Validation and the React
 * country select share this one list, so a form never offers a country the core would refuse.
 */
export const countryCodes: readonly string[] = countryGroups
  .split(' ')
  .flatMap((group) => [...group.slice(1)].map((second) => group.charAt(0) + second))
