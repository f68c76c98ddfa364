# R doing the victim tables of the study profile on the same data as Vindex:
#   npx vindex export victims --format csv --out victims.csv && Rscript bench/profile.R victims.csv
# Times (after reading the file) the gender, age band, severity and ethnicity shares with Wilson
# intervals per population, and the age x severity and gender x severity chi-square tests.
args <- commandArgs(trailingOnly = TRUE)
v <- read.csv(args[1], colClasses = "character", na.strings = "")
cat(sprintf("%d victims read\n", nrow(v)))
t <- system.time({
  for (pop in list(v$victim.identified == "no", v$victim.identified == "yes", rep(TRUE, nrow(v)))) {
    for (col in c("victim.gender", "victim.ageBand", "victim.severity", "victim.ethnicity")) {
      x <- v[[col]][pop]
      counts <- table(x)
      for (k in seq_along(counts)) prop.test(counts[[k]], length(x), correct = FALSE)$conf.int
    }
    nd <- "notDeterminable"
    keep <- pop & v$victim.severity != nd
    suppressWarnings(chisq.test(table(v$victim.ageBand[keep & v$victim.ageBand != nd], v$victim.severity[keep & v$victim.ageBand != nd]), correct = FALSE))
    suppressWarnings(chisq.test(table(v$victim.gender[keep & v$victim.gender != nd], v$victim.severity[keep & v$victim.gender != nd]), correct = FALSE))
  }
})[["elapsed"]]
cat(sprintf("R victim tables and tests: %.3f s\n", t))
