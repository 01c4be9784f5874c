package org.divemap.migrations.benchmarks.spring;

import org.springframework.data.jpa.repository.JpaRepository;

public interface SiteRepository extends JpaRepository<Site, Long> {}
