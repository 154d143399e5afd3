/** A synthetic sanctuary city, a month of labelled requests, and their replay through the HTTP API. */
package org.firebreak.sim;
