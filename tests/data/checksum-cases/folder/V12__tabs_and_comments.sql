-- a comment line
/* a block
   comment */
CREATE TABLE commented (id INTEGER); -- trailing
