package databricks.apps

import rego.v1

# Site parameter; overridden by data.perimeter.params["databricks.apps"].corporate.
default corporate := ["10.0.0.0/8", "172.16.0.0/12", "203.0.113.0/24"]

corporate := value if {
	value := data.perimeter.params["databricks.apps"].corporate
}

python_indexes := ["pypi.org", "files.pythonhosted.org"]
