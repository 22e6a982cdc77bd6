-- nothing but comments
/* here */
