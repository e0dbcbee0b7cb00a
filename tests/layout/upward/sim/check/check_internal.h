/* fixture: a header of the checker part */
