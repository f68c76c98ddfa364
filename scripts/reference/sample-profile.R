# Reference values for the profile estimated from a stored sample (src/profile/sample-profile.test.ts).
#
# Reads the sampled series, victims and offenders that scripts/reference/sample-profile-export.ts
# wrote (300 seeded synthetic series, stored sample s1: equal allocation of 90 series over region
# strata; strata of fewer than 15 series taken whole) and computes with R survey, for every profile
# table, population (unidentified / identified / all) and category:
#
#   series     svydesign(ids = ~1,       strata = ~stratum, weights = ~weight, fpc = ~fpc)
#   victims    svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, fpc = ~fpc)
#   offenders  the same as victims: every victim and offender of a sampled series is taken, so the
#              series is a PSU (cluster) sampled whole, with its series' weight and N_h as fpc
#
# A sampled series without victims (offenders) is still a sampled PSU of its stratum: it gets one
# row with present = FALSE, and every estimate is over subset(design, present & ...), which keeps
# it in n_h (R's subset keeps the design's PSU counts) but out of every count.
#
#   svymean(~category, subset(design, present & identified == code), deff = TRUE), SE, and
#   confint(..., df = degf(subset)) — the domain's t interval.
#
# Run from the repository root: npx tsx scripts/reference/sample-profile-export.ts, then
# Rscript scripts/reference/sample-profile.R (R 4.2 with survey 4.1 and jsonlite).
# CI never runs R; the CSVs and the JSON file are committed.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})
dir <- file.path("src", "profile", "fixtures")
read <- function(name) read.csv(file.path(dir, "sample-profile", paste0(name, ".csv")), stringsAsFactors = FALSE, na.strings = "NA")

source(file.path("scripts", "reference", "lib", "profile-tables.R")) # specs, populations, profile_table

# Empty codes are not determinable, as in the profile; victims per series in the study's bands.
nd <- function(x) ifelse(is.na(x) | x == "", ND, x)
band <- function(n) ifelse(is.na(n) | n < 1, ND, ifelse(n <= 3, as.character(n), ifelse(n <= 5, "4-5", "6+")))

series <- read("series")
series$victims_band <- band(series$victim_count)
victims <- read("victims")
offenders <- read("offenders")
for (d in c("identified", "victim_gender", "victim_age_group", "self_generated")) series[[d]] <- nd(series[[d]])
for (d in c("identified", "gender", "age_band", "severity", "ethnicity")) victims[[d]] <- nd(victims[[d]])
for (d in c("identified", "visible", "gender")) offenders[[d]] <- nd(offenders[[d]])

with_empty_series <- function(units) {
  units$present <- TRUE
  empty <- series[!(series$cluster %in% units$cluster), c("stratum", "weight", "fpc", "cluster")]
  if (nrow(empty) == 0) return(units)
  pad <- units[rep(1, nrow(empty)), ]
  pad[, c("stratum", "weight", "fpc", "cluster")] <- empty
  pad$present <- FALSE
  rbind(units, pad)
}
victims <- with_empty_series(victims)
offenders <- with_empty_series(offenders)
series$present <- TRUE

designs <- list(
  series = svydesign(ids = ~1, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = series),
  victims = svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = victims, nest = TRUE),
  offenders = svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = offenders, nest = TRUE)
)

table_result <- function(des, spec, code, level = 0.95) {
  profile_table(if (is.na(code)) subset(des, present) else subset(des, present & identified == code), spec, level)
}

tables <- list()
for (spec in specs) {
  for (p in names(populations)) {
    tables[[paste0(spec$key, "-", p)]] <- suppressWarnings(table_result(designs[[spec$unit]], spec, populations[[p]]))
  }
}
fixture <- list(
  source = paste("R", paste(R.version$major, R.version$minor, sep = "."), "survey", as.character(packageVersion("survey")),
                 ": svydesign(ids = ~cluster, strata = ~stratum, weights = ~weight, fpc = ~fpc, nest = TRUE);",
                 "svymean(~category, subset(design, identified == code), deff = TRUE); confint(df = degf(subset))"),
  counts = list(series = nrow(series), victims = sum(victims$present), offenders = sum(offenders$present)),
  emptySeries = list(victims = sum(!victims$present), offenders = sum(!offenders$present)),
  strata = as.list(table(series$stratum)),
  tables = tables
)
path <- file.path(dir, "sample-profile.json")
write_json(fixture, path, digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
cat("wrote", path, ":", nrow(series), "series,", sum(victims$present), "victims,", sum(offenders$present), "offenders in", length(unique(series$stratum)), "strata;",
    sum(!victims$present), "series without victims,", sum(!offenders$present), "without offenders\n")
