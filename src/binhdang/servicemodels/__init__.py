"""Service models for GBV and domestic-violence prevention (trusted addresses, shelters, clubs,
counselling points, hotlines ...): the register, what happens in them each month or quarter,
their periodic evaluation, and where replication is needed."""
