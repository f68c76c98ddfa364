export { BLUES, binColours, binOf, choroplethSvg, defaultFormat, equalIntervals, NO_DATA_FILL, textAlternative, thresholdsFor, type ChoroplethOptions, type ChoroplethScale } from './choropleth.ts';
export { worldCountries, type CountryShape } from './world.ts';
export { mapLegendOf, mapValuesOf } from './values.ts';
