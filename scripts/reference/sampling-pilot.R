# Reference values for Neyman standard deviations from a pilot sample (src/sampling/pilot.test.ts).
#
# A seeded pilot (codes only, no real data): 90 units drawn by stratified SRS from old strata
# A/B/C (N_h = 400/250/100, n_h = 30/30/30, so unequal weights N_h/n_h), each unit carrying a new
# stratum label (x/y/z, the stratification of the sample being planned) and a 0/1 indicator of the
# share (e.g. series.selfGenerated = yes). For each new stratum, R survey's svyby(~hit, ~new,
# design, svymean) gives the weighted share p_h (a domain mean); S_h = sqrt(p_h (1 - p_h)).
#
# Run from the repository root: Rscript scripts/reference/sampling-pilot.R
# (R 4.2 with survey and jsonlite.) CI never runs R; the JSON file is committed.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})
set.seed(20261129)

old <- rep(c("A", "B", "C"), each = 30)
N_old <- c(A = 400, B = 250, C = 100)[old]
weight <- unname(N_old / 30)
new <- sample(c("x", "y", "z"), 90, replace = TRUE, prob = c(0.5, 0.3, 0.2))
# The share differs by old stratum, so the weighted and unweighted p_h differ.
p_old <- c(A = 0.15, B = 0.45, C = 0.8)[old]
hit <- as.integer(runif(90) < p_old)

pilot <- data.frame(old = old, fpc = unname(N_old), weight = weight, new = new, hit = hit)
des <- svydesign(ids = ~1, strata = ~old, weights = ~weight, fpc = ~fpc, data = pilot)
by_new <- svyby(~hit, ~new, des, svymean)

expected <- lapply(setNames(as.character(by_new$new), as.character(by_new$new)), function(h) {
  p <- by_new[by_new$new == h, "hit"]
  list(p = p, sd = sqrt(p * (1 - p)), unweighted = mean(pilot$hit[pilot$new == h]))
})

out <- list(
  generator = "scripts/reference/sampling-pilot.R",
  r = paste(R.version$major, R.version$minor, sep = "."),
  survey = as.character(packageVersion("survey")),
  units = lapply(seq_len(nrow(pilot)), function(i) list(stratum = pilot$new[i], weight = pilot$weight[i], hit = pilot$hit[i] == 1)),
  expected = expected
)
dir.create(file.path("src", "sampling", "fixtures"), showWarnings = FALSE)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), file.path("src", "sampling", "fixtures", "pilot-shares.json"))
print(by_new)
