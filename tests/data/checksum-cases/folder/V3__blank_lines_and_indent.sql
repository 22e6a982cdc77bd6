

   CREATE TABLE indented (id INTEGER);   
	
	INSERT INTO indented VALUES (3);	

