// Organisation feature (departments, sections, users): see its module.
