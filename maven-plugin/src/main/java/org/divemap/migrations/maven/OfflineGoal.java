package org.divemap.migrations.maven;

/** A goal that needs no database: it reads no URL and no credentials, and works without a server. */
interface OfflineGoal {}
