# Independent check of Vindex SDMX output, written without Vindex code: reads the SDMX-ML 2.1
# structure with xml2, the SDMX-CSV 2.0 file with read.csv and the SDMX-JSON 2.0 data message
# with jsonlite, then checks every CSV row against the XML codelists and that the JSON
# observations decode to exactly the CSV rows.
# Usage: Rscript src/publish/sdmx/reference/check-sdmx.R DIR   (DIR written by writeSdmx)
suppressPackageStartupMessages({ library(xml2); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) >= 1) args[1] else "."
xml <- read_xml(file.path(dir, "structure.sdmx.xml"))
ns <- xml_ns(xml)
codelists <- list()
for (cl in xml_find_all(xml, ".//str:Codelist", ns)) {
  codelists[[xml_attr(cl, "id")]] <- xml_attr(xml_find_all(cl, "./str:Code", ns), "id")
}
enum_of <- function(node) xml_attr(xml_find_first(node, ".//str:Enumeration/Ref", ns), "id")
dims <- xml_find_all(xml, ".//str:DimensionList/*", ns)
dim_ids <- xml_attr(dims, "id")[order(as.integer(xml_attr(dims, "position")))]
dim_cl <- setNames(sapply(dims, enum_of), xml_attr(dims, "id"))
attrs <- xml_find_all(xml, ".//str:AttributeList/str:Attribute", ns)
attr_cl <- setNames(sapply(attrs, enum_of), xml_attr(attrs, "id"))
mandatory <- xml_attr(attrs, "id")[xml_attr(attrs, "assignmentStatus") == "Mandatory"]

csv <- read.csv(file.path(dir, "indicators.sdmx.csv"), colClasses = "character", na.strings = character(0), check.names = FALSE)
problems <- character(0)
stopifnot(identical(names(csv)[1:3], c("STRUCTURE", "STRUCTURE_ID", "ACTION")))
for (id in c(dim_ids, "OBS_VALUE", names(attr_cl))) if (!id %in% names(csv)) problems <- c(problems, paste("missing column", id))
for (id in names(dim_cl)) {
  if (!is.na(dim_cl[[id]])) {
    bad <- which(!csv[[id]] %in% codelists[[dim_cl[[id]]]])
    if (length(bad)) problems <- c(problems, sprintf("%s: %d codes outside %s", id, length(bad), dim_cl[[id]]))
  }
}
for (id in names(attr_cl)) {
  if (!is.na(attr_cl[[id]])) {
    v <- csv[[id]]
    bad <- which(v != "" & !v %in% codelists[[attr_cl[[id]]]])
    if (length(bad)) problems <- c(problems, sprintf("%s: %d codes outside %s", id, length(bad), attr_cl[[id]]))
  }
}
for (id in mandatory) if (any(csv[[id]] == "")) problems <- c(problems, paste("empty mandatory attribute", id))
val <- csv$OBS_VALUE
num <- suppressWarnings(as.numeric(val))
if (any(val != "" & is.na(num))) problems <- c(problems, "non-numeric OBS_VALUE")
empty_ok <- csv$CONF_STATUS %in% c("C", "D") | csv$OBS_STATUS %in% c("M", "O")
if (any(val == "" & !empty_ok)) problems <- c(problems, "empty OBS_VALUE without a confidential or missing status")
if (any(val != "" & csv$CONF_STATUS %in% c("C", "D"))) problems <- c(problems, "value published in a confidential cell")
keys <- do.call(paste, c(csv[dim_ids], sep = "."))
if (anyDuplicated(keys)) problems <- c(problems, "duplicate keys")

# SDMX-JSON: decode flat observations to keys and values and compare with the CSV.
js <- fromJSON(file.path(dir, "indicators.sdmx.json"), simplifyVector = FALSE)
st <- js$data$structures[[1]]
odims <- st$dimensions$observation
oattrs <- st$attributes$observation
obs <- js$data$dataSets[[1]]$observations
jkeys <- character(length(obs)); jvals <- character(length(obs)); jconf <- character(length(obs))
conf_pos <- which(sapply(oattrs, function(a) a$id) == "CONF_STATUS")
for (i in seq_along(obs)) {
  idx <- as.integer(strsplit(names(obs)[i], ":")[[1]])
  jkeys[i] <- paste(mapply(function(d, k) d$values[[k + 1]]$id, odims, idx), collapse = ".")
  v <- obs[[i]][[1]]
  jvals[i] <- if (is.null(v)) "" else format(v, digits = 15)
  a <- obs[[i]][[conf_pos + 1]]
  jconf[i] <- oattrs[[conf_pos]]$values[[a + 1]]$id
}
if (!setequal(keys, jkeys) || length(keys) != length(jkeys)) problems <- c(problems, "JSON keys differ from CSV keys")
m <- match(keys, jkeys)
diff <- abs(num - suppressWarnings(as.numeric(jvals[m])))
if (any((val == "") != (jvals[m] == "")) || any(diff > 1e-9, na.rm = TRUE)) problems <- c(problems, "JSON values differ from CSV values")
if (!identical(csv$CONF_STATUS, jconf[m])) problems <- c(problems, "JSON CONF_STATUS differs from CSV")

cat(sprintf("%d observations, %d codelists, %d dimensions; CSV rows = JSON observations: %s\n", nrow(csv), length(codelists), length(dim_ids), length(obs) == nrow(csv)))
if (length(problems)) { cat("PROBLEMS:\n", paste(problems, collapse = "\n"), "\n"); quit(status = 1) }
cat("OK\n")
