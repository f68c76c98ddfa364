# Reference values for the study profile (src/profile/profile.test.ts).
# Writes a small synthetic import file (codes only) and what R computes from it:
#   shares with Wilson intervals (prop.test(correct = FALSE)), Pearson chi-square (chisq.test(correct = FALSE))
#   and Cramer's V for gender x severity and age band x severity, per population.
# Run from the repository root: Rscript scripts/reference/profile.R
suppressPackageStartupMessages(library(jsonlite))
set.seed(20181)
out_dir <- "src/profile/fixtures"

n_series <- 240
series <- data.frame(
  id = sprintf("S-REF-%04d", seq_len(n_series)),
  identified = sample(c("yes", "no"), n_series, replace = TRUE, prob = c(0.45, 0.55)),
  stringsAsFactors = FALSE
)
series$firstSeen <- format(as.Date("2012-01-01") + sample(0:3000, n_series, replace = TRUE))
series$identifiedOn <- ifelse(series$identified == "yes", format(as.Date(series$firstSeen) + sample(10:900, n_series, replace = TRUE)), "")
series$country <- sample(c("DE", "FR", "US", "BR", "PH", "TH", "ZZ"), n_series, replace = TRUE)
series$selfGenerated <- sample(c("yes", "no", "notDeterminable"), n_series, replace = TRUE, prob = c(0.15, 0.8, 0.05))
nv <- sample(1:4, n_series, replace = TRUE, prob = c(0.6, 0.25, 0.1, 0.05))
series$victimCount <- nv

rows <- list()
victims <- list()
k <- 0
for (i in seq_len(n_series)) {
  s <- series[i, ]
  for (j in seq_len(nv[i])) {
    k <- k + 1
    gender <- sample(c("female", "male", "notDeterminable"), 1, prob = c(0.62, 0.33, 0.05))
    age <- sample(c("infantToddler", "prepubescent", "pubescent", "postPubescent", "notDeterminable"), 1, prob = c(0.06, 0.55, 0.27, 0.07, 0.05))
    # Boys and younger victims more often at the most severe level, so the tests have something to find.
    pA <- 0.25 + 0.15 * (gender == "male") + 0.15 * (age %in% c("infantToddler", "prepubescent"))
    copine <- if (runif(1) < 0.04) "notDeterminable" else if (runif(1) < pA) sample(c("9", "10"), 1) else sample(c("2", "4", "5", "6", "8"), 1)
    identified <- if (s$identified == "yes" && runif(1) < 0.8) "yes" else "no"
    victims[[k]] <- data.frame(series = s$id, id = sprintf("V-REF-%05d", k), gender = gender, ageBand = age,
      identified = identified, identifiedOn = if (identified == "yes") s$identifiedOn else "",
      scale = if (copine == "notDeterminable") "notDeterminable" else "copine", code = copine, stringsAsFactors = FALSE)
  }
}
v <- do.call(rbind, victims)
# A series is identified when one of its victims is (the codebook's rule); recompute from the victims.
ident_series <- tapply(v$identified == "yes", v$series, any)
series$identified <- ifelse(ident_series[series$id], "yes", "no")
first_id <- tapply(ifelse(v$identified == "yes", v$identifiedOn, NA), v$series, function(x) if (all(is.na(x))) "" else min(x, na.rm = TRUE))
series$identifiedOn <- first_id[series$id]

harmonise <- function(scale, code) {
  ifelse(scale == "notDeterminable", "notDeterminable",
    ifelse(code %in% c("1", "2", "3"), "indicative",
      ifelse(code %in% c("4", "5", "6"), "catC", ifelse(code %in% c("7", "8"), "catB", "catA"))))
}
v$severity <- harmonise(v$scale, v$code)

cols <- c("record", "series.source", "series.id", "series.country", "series.firstSeen", "series.identified", "series.identifiedOn",
  "series.victimCount", "series.selfGenerated", "victim.id", "victim.gender", "victim.ageBand", "victim.identified",
  "victim.identifiedOn", "victim.severityScale", "victim.severityCode")
lines <- character(0)
blank <- setNames(as.list(rep("", length(cols))), cols)
for (i in seq_len(n_series)) {
  s <- series[i, ]
  r <- blank; r$record <- "series"; r[["series.source"]] <- "REF"; r[["series.id"]] <- s$id; r[["series.country"]] <- s$country
  r[["series.firstSeen"]] <- s$firstSeen; r[["series.identified"]] <- s$identified; r[["series.identifiedOn"]] <- s$identifiedOn
  r[["series.victimCount"]] <- as.character(s$victimCount); r[["series.selfGenerated"]] <- s$selfGenerated
  lines <- c(lines, paste(unlist(r), collapse = ","))
  for (j in which(v$series == s$id)) {
    w <- v[j, ]
    r <- blank; r$record <- "victim"; r[["series.source"]] <- "REF"; r[["series.id"]] <- s$id; r[["victim.id"]] <- w$id
    r[["victim.gender"]] <- w$gender; r[["victim.ageBand"]] <- w$ageBand; r[["victim.identified"]] <- w$identified
    r[["victim.identifiedOn"]] <- w$identifiedOn; r[["victim.severityScale"]] <- w$scale; r[["victim.severityCode"]] <- w$code
    lines <- c(lines, paste(unlist(r), collapse = ","))
  }
}
writeLines(c(paste(cols, collapse = ","), lines), file.path(out_dir, "profile-reference.csv"))

pops <- list(unidentified = v$identified == "no", identified = v$identified == "yes", all = rep(TRUE, nrow(v)))
share_table <- function(x, levels) {
  n <- length(x)
  lapply(levels, function(l) {
    cnt <- sum(x == l)
    ci <- if (n > 0) prop.test(cnt, n, correct = FALSE)$conf.int else c(NA, NA)
    list(category = l, count = cnt, share = cnt / n, lower = if (cnt == 0) 0 else ci[1], upper = if (cnt == n) 1 else ci[2])
  })
}
assoc <- function(rowv, colv, rl, cl) {
  keep <- rowv %in% rl & colv %in% cl
  t <- table(factor(rowv[keep], levels = rl), factor(colv[keep], levels = cl))
  t <- t[rowSums(t) > 0, colSums(t) > 0, drop = FALSE]
  r <- suppressWarnings(chisq.test(t, correct = FALSE))
  list(rowCategories = rownames(t), columnCategories = colnames(t), table = unclass(matrix(as.integer(t), nrow = nrow(t))),
    chiSquare = unname(r$statistic), df = unname(r$parameter), pValue = r$p.value,
    cramersV = sqrt(unname(r$statistic) / (sum(t) * (min(dim(t)) - 1))))
}
gl <- c("female", "male", "notDeterminable")
al <- c("infantToddler", "prepubescent", "pubescent", "postPubescent", "notDeterminable")
sl <- c("indicative", "catC", "catB", "catA", "notDeterminable")
res <- list(tables = list(), associations = list())
for (p in names(pops)) {
  sel <- pops[[p]]
  res$tables[[paste0("victim-gender-", p)]] <- share_table(v$gender[sel], gl)
  res$tables[[paste0("victim-age-band-", p)]] <- share_table(v$ageBand[sel], al)
  res$tables[[paste0("victim-severity-", p)]] <- share_table(v$severity[sel], sl)
  res$associations[[paste0("gender-by-severity-", p)]] <- assoc(v$gender[sel], v$severity[sel], gl[1:2], sl[1:4])
  res$associations[[paste0("age-band-by-severity-", p)]] <- assoc(v$ageBand[sel], v$severity[sel], al[1:4], sl[1:4])
}
res$counts <- list(series = n_series, victims = nrow(v))
res$r <- R.version.string
write_json(res, file.path(out_dir, "profile-reference.json"), digits = NA, auto_unbox = TRUE, pretty = TRUE)
cat("wrote", nrow(v), "victims in", n_series, "series\n")
