"""Women's economic empowerment: support given to women through the socio-economic
programmes (national target programmes, Project 8, new rural development, the unit's own
plans, international projects), by kind of support, with its beneficiaries and amounts."""
