# The study profile's tables and the survey estimate of one table, shared by the reference scripts
# scripts/reference/profile-design.R and scripts/reference/sample-profile.R.
# Sourced from the repository root:  source(file.path("scripts", "reference", "lib", "profile-tables.R"))
# Needs library(survey).

# Category codes in codebook order (src/codebook; TABLE_SPECS in src/profile/spec.ts).
ND <- "notDeterminable"
specs <- list(
  list(key = "victim-gender", unit = "victims", dim = "gender", cats = c("female", "male", ND)),
  list(key = "victim-age-band", unit = "victims", dim = "age_band", cats = c("infantToddler", "prepubescent", "pubescent", "postPubescent", ND)),
  list(key = "victim-severity", unit = "victims", dim = "severity", cats = c("indicative", "catC", "catB", "catA", ND)),
  list(key = "victim-ethnicity", unit = "victims", dim = "ethnicity", cats = c("white", "hispanicLatino", "asian", "black", "other", ND)),
  list(key = "series-victim-gender", unit = "series", dim = "victim_gender", cats = c("female", "male", "both", ND)),
  list(key = "series-victim-age-group", unit = "series", dim = "victim_age_group", cats = c("infantToddler", "prepubescent", "pubescent", "multiple", ND)),
  list(key = "series-victims-per-series", unit = "series", dim = "victims_band", cats = c("1", "2", "3", "4-5", "6+", ND)),
  list(key = "series-self-generated", unit = "series", dim = "self_generated", cats = c("yes", "no", ND)),
  list(key = "offender-visible", unit = "offenders", dim = "visible", cats = c("yes", "no", ND)),
  list(key = "offender-gender", unit = "offenders", dim = "gender", cats = c("male", "female", ND))
)
populations <- c(unidentified = "no", identified = "yes", all = NA)

na_null <- function(x) if (is.na(x) || !is.finite(x)) NA_real_ else unname(x)

# svymean of each category indicator of spec$dim over the (sub)design sub, with deff, SE and the
# t interval on degf(sub); given the whole design, also the interval on degf(design).
profile_table <- function(sub, spec, level, design = NULL) {
  sub$variables$y <- factor(sub$variables[[spec$dim]], levels = spec$cats)
  m <- svymean(~y, sub, deff = TRUE)
  ci <- confint(m, level = level, df = degf(sub))
  ci_design <- if (!is.null(design)) confint(m, level = level, df = degf(design))
  d <- deff(m)
  rows <- lapply(seq_along(spec$cats), function(k) {
    row <- list(
      category = spec$cats[k],
      count = sum(sub$variables$y == spec$cats[k]),
      share = unname(coef(m)[k]),
      standardError = unname(SE(m)[k]),
      lower = unname(ci[k, 1]),
      upper = unname(ci[k, 2]),
      designEffect = na_null(d[k])
    )
    if (!is.null(design)) {
      row$lowerDesignDf <- unname(ci_design[k, 1])
      row$upperDesignDf <- unname(ci_design[k, 2])
    }
    row
  })
  out <- list(total = nrow(sub$variables), weightedTotal = sum(weights(sub)), degreesOfFreedom = degf(sub))
  if (!is.null(design)) out$designDegreesOfFreedom <- degf(design)
  out$rows <- rows
  out
}
