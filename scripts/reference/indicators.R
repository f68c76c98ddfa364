# Reference values for the indicator layer (src/indicators/), computed in R from the committed
# synthetic import file src/indicators/fixtures/synthetic-seed5-200.csv (vindex synth --seed 5
# --series 200; codes, dates and made-up identifiers only):
#   shares        prop.test(x, n, correct = FALSE)$conf.int        (Wilson)
#   trend         prop.trend.test(x, n, score = year)               (Cochran–Armitage)
#   counts        poisson.test(x)$conf.int                          (exact, Garwood)
#   count trend   anova(glm(count ~ year, poisson), test = "Rao")   (score test; years without series as 0;
#                 glm epsilon 1e-15 so that the null fit's IRLS error stays below 1e-9)
#   equal-country mean of country shares, variance sum p(1-p)/n / k^2, normal interval clipped to [0, 1]
#   times         survival::survfit(Surv(years, identified) ~ 1)    (default conf.type "log"):
#                 median and its limits from summary(fit)$table, 1 - S(t) at 1, 2, 5 years from
#                 summary(fit, times = t) (limits 1 - upper, 1 - lower); years = days / 365.25,
#                 unidentified series censored at the data date (latest date in the file).
# -> src/indicators/fixtures/indicators.json
#
# Run from the repository root:  Rscript scripts/reference/indicators.R
# CI never runs R; the JSON is committed.

suppressPackageStartupMessages({
  library(survival)
  library(jsonlite)
})
invisible(Sys.setlocale("LC_COLLATE", "C"))

src <- file.path("src", "indicators", "fixtures", "synthetic-seed5-200.csv")
d <- read.csv(src, colClasses = "character", na.strings = "")
s <- d[d$record == "series", ]
v <- d[d$record == "victim", ]
o <- d[d$record == "offender", ]
s$skey <- paste(s$series.source, s$series.id)
v$skey <- paste(v$series.source, v$series.id)
o$skey <- paste(o$series.source, o$series.id)
s$year <- substr(s$series.firstSeen, 1, 4)
v$country <- s$series.country[match(v$skey, s$skey)]
v$year <- s$year[match(v$skey, s$skey)]

data_date <- max(c(s$series.firstSeen, s$series.identifiedOn, v$victim.identifiedOn), na.rm = TRUE)

wilson <- function(indicator, dims, x, n) {
  ci <- if (n > 0) suppressWarnings(prop.test(x, n, correct = FALSE))$conf.int else c(NA, NA)
  list(indicator = indicator, dims = dims, numerator = x, denominator = n, value = x / n, lower = ci[1], upper = ci[2])
}

shares <- list()
add_shares <- function(indicator, unit, num, den, by) {
  # num, den: logical vectors over the units; by: a named list of grouping vectors (or empty).
  x <- sum(num & den); n <- sum(den)
  shares[[length(shares) + 1]] <<- wilson(indicator, setNames(list(), character(0)), x, n)
  for (dim in names(by)) {
    g <- by[[dim]]
    for (level in sort(unique(g[den]))) {
      sel <- g == level
      shares[[length(shares) + 1]] <<- wilson(indicator, setNames(list(level), dim), sum(num & den & sel), sum(den & sel))
    }
  }
}

# victims-unidentified: all victims; unidentified = "no".
v_all <- rep(TRUE, nrow(v))
add_shares("victims-unidentified", "victim", v$victim.identified == "no", v_all, list(country = v$country, year = v$year))
# unidentified-boys: among unidentified victims of determinable gender.
add_shares("unidentified-boys", "victim", v$victim.gender == "male", v$victim.identified == "no" & v$victim.gender %in% c("female", "male"), list(year = v$year))
# series-self-generated: among series coded yes/no.
sg <- s$series.selfGenerated
add_shares("series-self-generated", "series", !is.na(sg) & sg == "yes", !is.na(sg) & sg %in% c("yes", "no"), list(year = s$year, country = s$series.country))
# series-visible-offender: a series with at least one visible offender.
vis <- s$skey %in% o$skey[o$offender.visible == "yes"]
add_shares("series-visible-offender", "series", vis, rep(TRUE, nrow(s)), list(year = s$year))
# visible-offender-male: among those, a visible male offender.
vis_male <- s$skey %in% o$skey[o$offender.visible == "yes" & o$offender.gender == "male"]
add_shares("visible-offender-male", "series", vis_male, vis, list())

trend <- function(indicator, num, den, year) {
  x <- tapply(num & den, year, sum); n <- tapply(den, year, sum)
  keep <- n > 0
  t <- suppressWarnings(prop.trend.test(x[keep], n[keep], score = as.numeric(names(n)[keep])))
  list(indicator = indicator, statistic = unname(t$statistic), pValue = t$p.value)
}
trends <- list(
  trend("victims-unidentified", v$victim.identified == "no", v_all, v$year),
  trend("series-self-generated", !is.na(sg) & sg == "yes", !is.na(sg) & sg %in% c("yes", "no"), s$year),
  trend("series-visible-offender", vis, rep(TRUE, nrow(s)), s$year)
)

# Trend of the number of series over first-sighting years (series-by-abuse-country, by year).
yrs <- as.numeric(s$year)
all_years <- seq(min(yrs), max(yrs))
year_counts <- sapply(all_years, function(y) sum(yrs == y))
rao <- anova(glm(year_counts ~ all_years, family = poisson, control = glm.control(epsilon = 1e-15, maxit = 100)), test = "Rao")
count_trend <- list(indicator = "series-by-abuse-country", statistic = rao$Rao[2], pValue = rao[["Pr(>Chi)"]][2], years = all_years, counts = year_counts)

# Equal country weights for victims-unidentified (ZZ left out of the mean).
equal_country <- function(indicator, num, den, country) {
  keep <- den & country != "ZZ"
  x <- tapply(num[keep], country[keep], sum); n <- tapply(den[keep], country[keep], sum)
  p <- x / n; k <- length(p)
  mean_p <- mean(p); se <- sqrt(sum(p * (1 - p) / n)) / k; z <- qnorm(0.975)
  list(indicator = indicator, value = mean_p, lower = max(0, mean_p - z * se), upper = min(1, mean_p + z * se), numerator = sum(num & den), denominator = sum(den))
}
equal <- list(equal_country("victims-unidentified", v$victim.identified == "no", v_all, v$country))

# Counts of series by suspected country of abuse (missing = ZZ).
abuse <- ifelse(is.na(s$series.abuseCountrySuspected), "ZZ", s$series.abuseCountrySuspected)
counts <- lapply(c("(total)", sort(unique(abuse))), function(cc) {
  x <- if (cc == "(total)") nrow(s) else sum(abuse == cc)
  ci <- poisson.test(x)$conf.int
  list(indicator = "series-by-abuse-country", dims = if (cc == "(total)") setNames(list(), character(0)) else list(country = cc), value = x, lower = ci[1], upper = ci[2])
})

# Kaplan–Meier: first sighting to identification, censored at the data date.
days <- function(a, b) as.numeric(as.Date(b) - as.Date(a))
ident <- s$series.identified == "yes" & !is.na(s$series.identifiedOn) & s$series.identifiedOn <= data_date
s$time <- pmax(0, days(s$series.firstSeen, ifelse(ident, s$series.identifiedOn, data_date))) / 365.25
s$event <- as.integer(ident)
km <- function(dims, sel) {
  fit <- survfit(Surv(time, event) ~ 1, data = s[sel, ])
  tab <- summary(fit)$table
  horizons <- lapply(c(1, 2, 5), function(h) {
    if (h > max(s$time[sel])) return(list(years = h, value = NA, lower = NA, upper = NA, events = sum(s$event[sel] == 1 & s$time[sel] <= h)))
    sm <- summary(fit, times = h)
    list(years = h, value = 1 - sm$surv, lower = 1 - sm$upper, upper = 1 - sm$lower, events = sum(s$event[sel] == 1 & s$time[sel] <= h))
  })
  list(dims = dims, n = sum(sel), events = sum(s$event[sel]), lastTime = max(s$time[sel]), median = unname(tab["median"]), medianLower = unname(tab["0.95LCL"]), medianUpper = unname(tab["0.95UCL"]), horizons = horizons)
}
kms <- list(km(setNames(list(), character(0)), rep(TRUE, nrow(s))))
for (y in sort(unique(s$year))) kms[[length(kms) + 1]] <- km(list(year = y), s$year == y)

out <- list(source = src, dataDate = data_date, shares = shares, trends = trends, countTrend = count_trend, equalCountry = equal, counts = counts, kaplanMeier = kms)
path <- file.path("src", "indicators", "fixtures", "indicators.json")
write_json(out, path, digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
cat("wrote", path, "\n")
