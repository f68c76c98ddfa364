# Reference values for the design-based study profile (src/profile/design.test.ts).
#
# Builds seeded samples (codes only, no real data) and writes them with what R survey computes:
#   for every profile table (unit x variable), population (unidentified / identified / all) and
#   category, svymean of the category indicator over subset(design, population) with deff = TRUE,
#   its SE, confint(..., df = degf(subset)) and confint(..., df = degf(design)).
#
#   victims   400 victims in 120 PSUs (their series) in 4 strata, fpc = population PSUs per
#             stratum, unequal weights within PSUs; stratum D holds no identified victim; no
#             identified victim is coded ethnicity "other" (a share of 0 in that domain)
#   series    150 series sampled individually in 3 strata with fpc
#   offenders 90 offenders in 30 PSUs, unstratified, without fpc
#
# Cases: "stratified-clustered" (lonely PSU "fail") and the same victims plus a stratum E of one
# PSU, under "average" and "adjust" (E holds only unidentified victims, so the identified domain
# misses it: R's subset counts only the strata a domain occupies).
#
# Run from the repository root: Rscript scripts/reference/profile-design.R
# (R 4.2 with survey 4.1 and jsonlite.) CI never runs R; the JSON file is committed.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})
set.seed(20180605)
out_dir <- file.path("src", "profile", "fixtures")

source(file.path("scripts", "reference", "lib", "profile-tables.R")) # specs, populations, profile_table

pick <- function(cats, prob) sample(cats, 1, prob = prob)

# --- victims: a stratified cluster sample of series (PSUs), every victim of a sampled series ---
psus_per_stratum <- c(A = 40, B = 35, C = 25, D = 20)
population_psus <- c(A = 400, B = 150, C = 60, D = 500)
p_identified_psu <- c(A = 0.5, B = 0.4, C = 0.6, D = 0)
sizes <- sample(1:6, sum(psus_per_stratum), replace = TRUE, prob = c(0.25, 0.3, 0.2, 0.12, 0.08, 0.05))
while (sum(sizes) != 400) {
  k <- sample(length(sizes), 1)
  if (sum(sizes) > 400 && sizes[k] > 1) sizes[k] <- sizes[k] - 1
  if (sum(sizes) < 400) sizes[k] <- sizes[k] + 1
}
victim_rows <- list()
k <- 0
for (h in names(psus_per_stratum)) {
  for (j in seq_len(psus_per_stratum[[h]])) {
    k <- k + 1
    base_weight <- population_psus[[h]] / psus_per_stratum[[h]]
    psu_identified <- runif(1) < p_identified_psu[[h]]
    p_female <- rbeta(1, 3, 1.6)
    young <- runif(1) < 0.6
    for (m in seq_len(sizes[k])) {
      identified <- if (runif(1) < 0.04) ND else if (psu_identified && runif(1) < 0.85) "yes" else "no"
      gender <- if (runif(1) < 0.05) ND else if (runif(1) < p_female) "female" else "male"
      age <- pick(c("infantToddler", "prepubescent", "pubescent", "postPubescent", ND),
                  if (young) c(0.12, 0.65, 0.15, 0.03, 0.05) else c(0.02, 0.25, 0.5, 0.18, 0.05))
      p_a <- 0.2 + 0.15 * (gender == "male") + 0.15 * (age %in% c("infantToddler", "prepubescent"))
      severity <- if (runif(1) < 0.04) ND else if (runif(1) < p_a) "catA" else pick(c("indicative", "catC", "catB"), c(0.15, 0.45, 0.4))
      ethnicity <- pick(c("white", "hispanicLatino", "asian", "black", "other", ND), c(0.7, 0.1, 0.1, 0.04, 0.03, 0.03))
      if (identified == "yes" && ethnicity == "other") ethnicity <- "white"
      victim_rows[[length(victim_rows) + 1]] <- data.frame(
        stratum = h, psu = j, fpc = population_psus[[h]], weight = round(base_weight * runif(1, 0.8, 1.25), 4),
        identified = identified, gender = gender, age_band = age, severity = severity, ethnicity = ethnicity,
        stringsAsFactors = FALSE)
    }
  }
}
victims <- do.call(rbind, victim_rows)

# A lonely stratum E: one PSU of four unidentified victims (for the lonely-PSU cases).
lonely <- victims[victims$stratum == "A", ][1:4, ]
lonely$stratum <- "E"; lonely$psu <- 1; lonely$fpc <- 80; lonely$weight <- c(61.5, 70.25, 66, 58.75)
lonely$identified <- "no"
lonely$gender <- c("female", "male", "female", "female")
victims_lonely <- rbind(victims, lonely)

# --- series: stratified sample of series, sampled individually ---
series_n <- c(S1 = 60, S2 = 50, S3 = 40)
series_N <- c(S1 = 900, S2 = 600, S3 = 300)
series_rows <- list()
for (h in names(series_n)) {
  for (j in seq_len(series_n[[h]])) {
    series_rows[[length(series_rows) + 1]] <- data.frame(
      stratum = h, fpc = series_N[[h]], weight = round(series_N[[h]] / series_n[[h]] * runif(1, 0.85, 1.15), 4),
      identified = pick(c("yes", "no", ND), c(0.4, 0.57, 0.03)),
      victim_gender = pick(c("female", "male", "both", ND), c(0.6, 0.3, 0.06, 0.04)),
      victim_age_group = pick(c("infantToddler", "prepubescent", "pubescent", "multiple", ND), c(0.05, 0.5, 0.25, 0.15, 0.05)),
      victims_band = pick(c("1", "2", "3", "4-5", "6+", ND), c(0.55, 0.2, 0.1, 0.08, 0.04, 0.03)),
      self_generated = pick(c("yes", "no", ND), c(0.15, 0.8, 0.05)),
      stringsAsFactors = FALSE)
  }
}
series <- do.call(rbind, series_rows)

# --- offenders: an unstratified cluster sample without fpc ---
offender_rows <- list()
for (j in 1:30) {
  identified <- pick(c("yes", "no"), c(0.45, 0.55))
  w <- round(runif(1, 5, 40), 3)
  for (m in 1:3) {
    offender_rows[[length(offender_rows) + 1]] <- data.frame(
      psu = paste0("P", j), weight = round(w * runif(1, 0.9, 1.1), 4),
      identified = if (runif(1) < 0.05) ND else identified,
      visible = pick(c("yes", "no", ND), c(0.35, 0.6, 0.05)),
      gender = pick(c("male", "female", ND), c(0.85, 0.1, 0.05)),
      stringsAsFactors = FALSE)
  }
}
offenders <- do.call(rbind, offender_rows)

# --- R's estimates ---
design_of <- function(d, unit) {
  switch(unit,
    victims = svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = d, nest = TRUE),
    series = svydesign(ids = ~1, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = d),
    offenders = svydesign(ids = ~psu, weights = ~weight, data = d))
}

table_result <- function(des, spec, code, level) {
  profile_table(if (is.na(code)) des else subset(des, identified == code), spec, level, design = des)
}

columns <- function(d, unit) {
  dims <- c("identified", unlist(lapply(Filter(function(s) s$unit == unit, specs), function(s) s$dim)))
  out <- list(codes = lapply(setNames(dims, dims), function(x) I(d[[x]])), weights = I(d$weight))
  if (!is.null(d$stratum)) out$strata <- I(d$stratum)
  if (!is.null(d$psu)) out$clusters <- I(d$psu)
  if (!is.null(d$fpc)) out$fpc <- I(d$fpc)
  out
}

run_case <- function(name, lonely_psu, data, level = 0.95) {
  old <- options(survey.lonely.psu = lonely_psu)
  on.exit(options(old))
  designs <- lapply(setNames(names(data), names(data)), function(u) design_of(data[[u]], u))
  tables <- list()
  for (spec in specs) {
    for (p in names(populations)) {
      tables[[paste0(spec$key, "-", p)]] <- suppressWarnings(table_result(designs[[spec$unit]], spec, populations[[p]], level))
    }
  }
  list(name = name, lonelyPsu = lonely_psu, level = level,
       units = lapply(setNames(names(data), names(data)), function(u) columns(data[[u]], u)),
       tables = tables)
}

data <- list(victims = victims, series = series, offenders = offenders)
data_lonely <- list(victims = victims_lonely, series = series, offenders = offenders)
fixture <- list(
  source = paste("R", paste(R.version$major, R.version$minor, sep = "."), "survey", as.character(packageVersion("survey")),
                 ": svydesign(nest = TRUE); svymean(~category, subset(design, identified == code), deff = TRUE);",
                 "confint(df = degf(subset)) and confint(df = degf(design))"),
  cases = list(
    run_case("stratified-clustered", "fail", data),
    run_case("lonely-average", "average", data_lonely),
    run_case("lonely-adjust", "adjust", data_lonely, level = 0.9)
  )
)
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
path <- file.path(out_dir, "profile-design.json")
write_json(fixture, path, digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
cat("wrote", path, ":", nrow(victims), "victims in", nrow(unique(victims[c("stratum", "psu")])), "PSUs,",
    nrow(series), "series,", nrow(offenders), "offenders\n")
