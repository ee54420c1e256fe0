"""The access feature's admin: the user form's «Роли» tab."""
