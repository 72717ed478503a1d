// Browser tests drive a real stack: give every test a minute (a project-level testTimeout is not honoured per project).
jest.setTimeout(60_000);
