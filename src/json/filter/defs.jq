# jq's formats that jaq's library leaves to its command-line program.
def csv_field: if type == "string" then "\"" + gsub("\""; "\"\"") + "\""
  elif type == "null" then ""
  elif type == "array" or type == "object" then error("\(type) is not valid in a csv row")
  else tostring end;
def tsv_field: if type == "string" then gsub("\\\\"; "\\\\") | gsub("\t"; "\\t") | gsub("\n"; "\\n") | gsub("\r"; "\\r")
  elif type == "null" then ""
  elif type == "array" or type == "object" then error("\(type) is not valid in a tsv row")
  else tostring end;
def @csv: if type == "array" then map(csv_field) | join(",") else error("cannot csv-format \(type), only an array") end;
def @tsv: if type == "array" then map(tsv_field) | join("\t") else error("cannot tsv-format \(type), only an array") end;
